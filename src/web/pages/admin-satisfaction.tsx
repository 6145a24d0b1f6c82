import { Empty } from 'antd';

// Placeholder while the page is built (issue #8).
export default function AdminSatisfactionPage() {
  return <Empty />;
}
