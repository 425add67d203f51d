import { OneTimeLinkPage } from '../components/OneTimeLinkPage.tsx';

/** /reset-password?token=…: the link of a password reset mail. */
export function ResetPasswordPage() {
  return <OneTimeLinkPage kind="reset" />;
}
