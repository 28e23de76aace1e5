import { OrgReviewQueue } from '../shared/OrgReviewQueue.tsx';

/** 机构备案: training providers waiting to be filed by a bureau. */
export default function ProvidersReviewPage() {
  return <OrgReviewQueue kind="provider" />;
}
