import { Badge, Button, Flex, Segmented, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  EXIT_CANDIDATE_STATUSES,
  EXIT_GROUPS,
  EXIT_RULES,
  type ExitCandidateStatus,
  type ExitGroup,
  type ExitRule,
  exitGroupOf,
} from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { ruleLabel } from '../evidence';

// The queue's filters: the group of rules (EX1–EX5), one rule with how many candidates it found, and
// the candidates' status. The page keeps them in the URL.

export type StatusFilter = ExitCandidateStatus | 'all';

export function ScreeningFilters({
  group,
  rule,
  status,
  byRule,
  byGroup,
  onChange,
}: {
  group: ExitGroup | undefined;
  rule: ExitRule | undefined;
  status: StatusFilter;
  byRule: Record<string, number> | undefined;
  byGroup: Record<string, number> | undefined;
  onChange: (changes: { group?: string; rule?: string; status?: string }) => void;
}) {
  const { t } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const count = (r: ExitRule) => byRule?.[r] ?? 0;
  // A group shows all its rules; without one, the rules that found someone (and the one picked).
  const rules = EXIT_RULES.codes.filter((r) =>
    group ? exitGroupOf(r) === group : count(r) > 0 || r === rule,
  );

  const label = (text: string) => (
    <Typography.Text type="secondary" style={{ minWidth: 64 }} aria-hidden>
      {text}
    </Typography.Text>
  );

  return (
    <Flex vertical gap={token.marginSM}>
      <Flex gap={token.marginSM} align="center" wrap>
        {label(t('filter.group'))}
        <Segmented<string>
          aria-label={t('filter.group')}
          name="group"
          value={group ?? ''}
          onChange={(v) => onChange({ group: v || undefined, rule: undefined })}
          options={[
            { value: '', label: t('filter.allGroups') },
            ...EXIT_GROUPS.map((g) => ({
              value: g,
              label: `${g} ${t(`group.${g}`)} ${byGroup?.[g] ?? 0}`,
              tooltip: t(`groupHint.${g}`),
            })),
          ]}
        />
      </Flex>
      <Flex gap={token.marginSM} align="center" wrap role="group" aria-label={t('filter.rule')}>
        {label(t('filter.rule'))}
        {rules.length === 0 ? (
          <Typography.Text type="secondary">{t('filter.noRules')}</Typography.Text>
        ) : (
          rules.map((r) => {
            const active = rule === r;
            return (
              <Button
                key={r}
                size="small"
                shape="round"
                type={active ? 'primary' : 'default'}
                aria-pressed={active}
                title={r}
                onClick={() => onChange({ rule: active ? undefined : r })}
              >
                {ruleLabel(r)}
                <Badge
                  count={count(r)}
                  showZero
                  overflowCount={9999}
                  color={active ? token.colorBgContainer : undefined}
                  style={
                    active
                      ? { color: token.colorPrimary }
                      : { backgroundColor: token.colorFillSecondary, color: token.colorText }
                  }
                  aria-label={t('filter.ruleCount', { count: count(r) })}
                />
              </Button>
            );
          })
        )}
      </Flex>
      <Flex gap={token.marginSM} align="center" wrap>
        {label(t('filter.status'))}
        <Segmented<StatusFilter>
          aria-label={t('filter.status')}
          name="status"
          value={status}
          onChange={(v) => onChange({ status: v })}
          options={[
            ...EXIT_CANDIDATE_STATUSES.codes.map((s) => ({
              value: s,
              label: codeLabel(EXIT_CANDIDATE_STATUSES.labels, s),
            })),
            { value: 'all' as const, label: t('filter.allStatuses') },
          ]}
        />
      </Flex>
    </Flex>
  );
}
