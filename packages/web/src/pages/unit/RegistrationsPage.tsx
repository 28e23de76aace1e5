import { RegistrationQueue } from '../shared/RegistrationQueue.tsx';

/** 注册审核: the unit's queue of its people's registrations. */
export default function RegistrationsPage() {
  return <RegistrationQueue mode="unit" />;
}
