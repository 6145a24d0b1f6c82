import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Duplicate } from '../api';
import { withCode } from '../format';

/** Records that look like the same prospect: a link to each (unless outside the viewer's portfolio), why, how alike. */
export function DuplicateList({ items }: { items: readonly Duplicate[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((d) => (
        <li key={`${d.kind}-${d.id}`}>
          <DuplicateLine duplicate={d} />
        </li>
      ))}
    </ul>
  );
}

/** One record that looks like the same prospect. */
export function DuplicateLine({ duplicate: d }: { duplicate: Duplicate }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  return (
    <Flex wrap gap={6} align="center">
      <Tag color={d.kind === 'customer' ? 'blue' : 'default'}>{t(`duplicates.kind.${d.kind}`)}</Tag>
      {d.hidden ? (
        <Typography.Text type="secondary">{t('duplicates.hidden')}</Typography.Text>
      ) : (
        <Link to={d.kind === 'customer' ? `/customers/${d.id}` : `/prospects/${d.id}`} target="_blank">
          {withCode(d.name, d.code)}
        </Link>
      )}
      {d.regionName && <Typography.Text type="secondary">{d.regionName}</Typography.Text>}
      <Typography.Text type="secondary">
        {d.match === 'id_number'
          ? t('duplicates.sameId')
          : t('duplicates.similar', { percent: Math.round(d.similarity * 100) })}
      </Typography.Text>
    </Flex>
  );
}
