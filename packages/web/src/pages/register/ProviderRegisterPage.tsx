import { OrgRegisterForm } from './OrgRegisterForm.tsx';

export default function ProviderRegisterPage() {
  return <OrgRegisterForm kind="provider" />;
}
