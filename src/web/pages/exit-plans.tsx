import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Pagination,
  Row,
  Select,
  Skeleton,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EXIT_PLAN_STATUSES } from '../../shared/codes';
import { useUser } from '../app/auth';
import { useCustomer } from '../modules/customers/api';
import { useExitPlans } from '../modules/exit/api';
import { PlanBoardColumn } from '../modules/exit/components/plan-board-column';
import { PlanCard } from '../modules/exit/components/plan-card';
import { customerLabel, useCustomerChoice } from '../modules/interactions/components/customer-choice';

/**
 * 退出方案 board (issue #9): the exit plans the viewer may see, one column per status of the workflow
 * draft → submitted → approved | rejected → executing → completed. Team leads and risk officers switch
 * to the plans waiting for their decision; `?customerId=` shows one customer's plans.
 */
export default function ExitPlansPage() {
  const { t } = useTranslation('exitPlans');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const customerId = Number(params.get('customerId')) || undefined;
  const toDecide = params.get('toDecide') === 'true';
  const decider = user.role === 'team_lead' || user.role === 'risk_officer';
  const planner = user.role === 'rm' || user.role === 'team_lead';
  const customer = useCustomer(customerId ?? 0);
  const choice = useCustomerChoice();

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const customerOptions =
    customerId && customer.data && !choice.options.some((o) => o.value === customerId)
      ? [{ value: customerId, label: customerLabel(customer.data) }, ...choice.options]
      : choice.options;

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('board.title')}
        </Typography.Title>
        {planner && (
          <Link to={customerId ? `/exit/plans/new?customerId=${customerId}` : '/exit/plans/new'}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t('board.new')}
            </Button>
          </Link>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('board.intro')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('board.customer')}
          style={{ width: 300 }}
          allowClear
          placeholder={t('board.customerPlaceholder')}
          value={customerId}
          showSearch={{ filterOption: false, onSearch: (v) => choice.setSearch(v) }}
          options={customerOptions}
          onChange={(v: number | undefined) => {
            if (v) choice.pick(v);
            set({ customerId: v ? String(v) : undefined });
          }}
          notFoundContent={
            choice.found.isFetching ? (
              <Spin size="small" />
            ) : choice.query.trim() ? (
              t('form.noCustomer')
            ) : (
              t('form.typeToSearch')
            )
          }
        />
        {decider && (
          <Space>
            <Switch
              id="exit-to-decide"
              checked={toDecide}
              onChange={(on) => set({ toDecide: on ? 'true' : undefined, page: undefined })}
            />
            <label htmlFor="exit-to-decide">{t('board.toDecide')}</label>
          </Space>
        )}
        <Link to="/exit/candidates">{t('board.toCandidates')}</Link>
        <Link to="/exit/report">{t('board.toReport')}</Link>
      </Space>

      {toDecide ? (
        <ToDecide customerId={customerId} />
      ) : (
        <Row gutter={[12, 12]}>
          {EXIT_PLAN_STATUSES.codes.map((status) => (
            <Col key={status} xs={24} md={12} lg={8} xxl={4}>
              <PlanBoardColumn status={status} customerId={customerId} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

/** The submitted plans at the viewer's stage of review (the team lead's, or the risk officer's). */
function ToDecide({ customerId }: { customerId: number | undefined }) {
  const { t } = useTranslation('exitPlans');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 24;
  const list = useExitPlans({ toDecide: 'true', customerId, page, pageSize });
  const items = list.data?.items ?? [];
  if (list.isPending) return <Skeleton active />;
  return (
    <section aria-label={t('board.toDecide')}>
      <Typography.Paragraph role="status" aria-live="polite">
        {t('board.toDecideCount', { n: list.data?.total ?? 0 })}
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.toDecideEmpty')} />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((p) => (
            <Col key={p.id} xs={24} md={12} lg={8} xxl={6}>
              <PlanCard plan={p} />
            </Col>
          ))}
        </Row>
      )}
      {(list.data?.total ?? 0) > pageSize && (
        <Pagination
          style={{ marginTop: 16 }}
          current={page}
          pageSize={pageSize}
          total={list.data?.total ?? 0}
          showSizeChanger={false}
          onChange={(p) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              next.set('page', String(p));
              return next;
            })
          }
        />
      )}
    </section>
  );
}
