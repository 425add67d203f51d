import { OneTimeLinkPage } from '../components/OneTimeLinkPage.tsx';

/** /accept-invitation?token=…: the link of an invitation mail. */
export function AcceptInvitationPage() {
  return <OneTimeLinkPage kind="invitation" />;
}
