// Placeholder: replaced by the records web pages (issue 5).
export default function ProviderRecordsPage() {
  return null;
}
