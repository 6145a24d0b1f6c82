// Placeholder: replaced by the page's owner.
export default function Page() {
  return null;
}
