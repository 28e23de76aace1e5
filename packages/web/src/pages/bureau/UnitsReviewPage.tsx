import { OrgReviewQueue } from '../shared/OrgReviewQueue.tsx';

/** 单位审核: self-registered units waiting for their supervising bureau. */
export default function UnitsReviewPage() {
  return <OrgReviewQueue kind="unit" />;
}
