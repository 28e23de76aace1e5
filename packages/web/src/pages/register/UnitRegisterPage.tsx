import { OrgRegisterForm } from './OrgRegisterForm.tsx';

export default function UnitRegisterPage() {
  return <OrgRegisterForm kind="unit" />;
}
