import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { PORTFOLIO_SCOPES } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import type { Portfolios } from '../api';
import { portfolioKey } from '../format';

// Picks the portfolio an analysis covers: the whole bank, a branch, a team or one RM, as far as the
// caller may see (the server answers the list). Teams sit under their branch and RMs under their team
// when the caller sees those too; otherwise they stand at the top.

interface Node {
  value: string;
  title: string;
  children?: Node[];
}

export function PortfolioPicker({
  portfolios,
  loading,
  value,
  onChange,
}: {
  portfolios: Portfolios | undefined;
  loading: boolean;
  value: string | undefined;
  onChange: (key: string) => void;
}) {
  const { t } = useTranslation('valueAnalytics');

  // Cheap to build (a bank has tens of branches and teams); built each render, in the current language.
  const tree = ((): Node[] => {
    if (!portfolios) return [];
    const label = (scope: 'branch' | 'team' | 'rm', name: string) =>
      `${codeLabel(PORTFOLIO_SCOPES.labels, scope)} · ${name}`;
    const rmNodes = (teamId: number | null) =>
      portfolios.rms
        .filter((r) => r.teamId === teamId)
        .map((r) => ({ value: portfolioKey('rm', r.id), title: label('rm', r.name) }));
    const teamIds = new Set(portfolios.teams.map((x) => x.id));
    const teamNode = (team: Portfolios['teams'][number]): Node => {
      const children = rmNodes(team.id);
      return {
        value: portfolioKey('team', team.id),
        title: label('team', team.name),
        ...(children.length ? { children } : {}),
      };
    };
    const branchIds = new Set(portfolios.branches.map((b) => b.id));
    const branches: Node[] = portfolios.branches.map((b) => {
      const children = portfolios.teams.filter((x) => x.branchId === b.id).map(teamNode);
      return {
        value: portfolioKey('branch', b.id),
        title: label('branch', b.name),
        ...(children.length ? { children } : {}),
      };
    });
    const looseTeams = portfolios.teams.filter((x) => !branchIds.has(x.branchId)).map(teamNode);
    const looseRms = portfolios.rms
      .filter((r) => r.teamId === null || !teamIds.has(r.teamId))
      .map((r) => ({ value: portfolioKey('rm', r.id), title: label('rm', r.name) }));
    const roots = [...branches, ...looseTeams, ...looseRms];
    return portfolios.bank
      ? [{ value: 'bank', title: codeLabel(PORTFOLIO_SCOPES.labels, 'bank'), children: roots }]
      : roots;
  })();

  return (
    <TreeSelect
      aria-label={t('filter.portfolio')}
      placeholder={t('filter.portfolio')}
      style={{ minWidth: 240 }}
      loading={loading}
      value={value}
      treeData={tree}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      onChange={(v: string) => onChange(v)}
    />
  );
}
