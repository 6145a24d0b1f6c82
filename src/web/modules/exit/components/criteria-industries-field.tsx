import { Flex, Tag, TreeSelect, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industryName } from '../../../../shared/industries';

// The restricted industries of EX1 (DOMAIN §6.1) as a tree of the GB/T 4754-2017 sections 门类 and
// their divisions 大类: ticking a section restricts it whole (a section matches every one of its
// divisions), ticking divisions restricts only those. When every division of a section is ticked the
// section itself is saved, which means the same.

export function CriteriaIndustriesSelect({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (codes: string[]) => void;
  id?: string;
}) {
  const { t, i18n } = useTranslation('exitScreening');
  const en = i18n.language === 'en';

  const treeData = useMemo(
    () =>
      INDUSTRY_SECTIONS.map((s) => ({
        value: s.code,
        title: `${s.code} ${en ? s.en : s.zh}`,
        children: INDUSTRY_DIVISIONS.filter((d) => d.section === s.code).map((d) => ({
          value: `${s.code}${d.code}`,
          title: `${s.code}${d.code} ${en ? d.en : d.zh}`,
        })),
      })),
    [en],
  );

  return (
    <TreeSelect
      id={id}
      value={value ?? []}
      onChange={(codes: string[]) => onChange?.([...codes].sort())}
      treeData={treeData}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('criteria.industriesPlaceholder')}
      listHeight={360}
      style={{ width: '100%' }}
      maxTagCount={40}
    />
  );
}

/** What the restricted list covers: the sections and divisions, with their names. */
export function CriteriaIndustriesSummary({ codes }: { codes: string[] | undefined }) {
  const { t, i18n } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const list = codes ?? [];
  if (list.length === 0)
    return <Typography.Text type="secondary">{t('criteria.industriesNone')}</Typography.Text>;
  const sections = list.filter((c) => c.length === 1);
  const divisions = list.filter((c) => c.length > 1);
  const covered =
    divisions.length +
    sections.reduce((n, s) => n + INDUSTRY_DIVISIONS.filter((d) => d.section === s).length, 0);
  return (
    <Flex vertical gap={token.marginXXS}>
      <Typography.Text type="secondary">
        {t('criteria.industriesSummary', { sections: sections.length, divisions: divisions.length, covered })}
      </Typography.Text>
      <Flex gap={4} wrap>
        {list.map((c) => (
          <Tag key={c} color={c.length === 1 ? 'purple' : undefined}>
            {c} {industryName(c, locale)}
            {c.length === 1 ? t('criteria.wholeSection') : ''}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
