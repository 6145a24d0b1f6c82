import { Typography } from 'antd';

export default function Page() {
  return <Typography.Title level={3}>visit-plan-form</Typography.Title>;
}
