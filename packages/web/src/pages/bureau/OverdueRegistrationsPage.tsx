import { RegistrationQueue } from '../shared/RegistrationQueue.tsx';

/** 逾期注册: registrations units left undecided for more than 7 days, in the bureau's scope. */
export default function OverdueRegistrationsPage() {
  return <RegistrationQueue mode="bureau" />;
}
