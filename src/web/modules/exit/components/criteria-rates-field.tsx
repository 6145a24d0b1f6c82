import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, InputNumber, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

// The one-year benchmark loan rates of EX3.ROE (DOMAIN §6.1): each applies from its day until the
// next one's. A compact table — the column titles once, each row's fields named for screen readers.
// Typed as percentages (4.35 for 4.35%); the form turns them into fractions.

const DATE_WIDTH = 170;
const RATE_WIDTH = 140;

export function CriteriaRatesField() {
  const { t } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const item = { style: { marginBottom: token.marginXS } };
  return (
    <Form.List
      name="benchmarkRates"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error(t('criteria.oneRate'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={token.marginXXS}>
          <Flex gap={token.marginSM} aria-hidden>
            <Typography.Text strong style={{ width: DATE_WIDTH }}>
              {t('criteria.rateFrom')}
            </Typography.Text>
            <Typography.Text strong style={{ width: RATE_WIDTH }}>
              {t('criteria.rate')}
            </Typography.Text>
          </Flex>
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('criteria.rates')}>
            {fields.map((field, i) => (
              <li key={field.key}>
                <Flex gap={token.marginSM} align="flex-start">
                  <Form.Item
                    {...item}
                    name={[field.name, 'from']}
                    rules={[{ required: true, message: t('criteria.rateFromRequired') }]}
                  >
                    <DatePicker
                      allowClear={false}
                      aria-label={t('criteria.rateFromOf', { n: i + 1 })}
                      style={{ width: DATE_WIDTH }}
                    />
                  </Form.Item>
                  <Form.Item
                    {...item}
                    name={[field.name, 'rate']}
                    rules={[{ required: true, message: t('criteria.rateRequired') }]}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      step={0.05}
                      suffix="%"
                      aria-label={t('criteria.rateOf', { n: i + 1 })}
                      style={{ width: RATE_WIDTH }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('criteria.removeRate', { n: i + 1 })}
                    title={t('criteria.removeRate', { n: i + 1 })}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              </li>
            ))}
          </ol>
          <Form.ErrorList errors={errors} />
          <Flex gap={token.marginSM} align="center" wrap>
            <Button icon={<PlusOutlined />} onClick={() => add({ from: null, rate: null })}>
              {t('criteria.addRate')}
            </Button>
            <Typography.Text type="secondary">{t('criteria.ratesOrder')}</Typography.Text>
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
