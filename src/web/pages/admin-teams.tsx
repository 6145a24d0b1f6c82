import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Branch, type Team, useBranches, useTeams } from '../modules/admin/api';
import { BranchCreateModal } from '../modules/admin/components/branch-create-modal';
import { TeamCreateModal } from '../modules/admin/components/team-create-modal';
import { errorText } from '../modules/admin/form';

/** The organisation: branches (支行) and their teams (团队), DOMAIN §1. */
export default function AdminTeamsPage() {
  const { t, i18n } = useTranslation('admin');
  const teams = useTeams();
  const branches = useBranches();
  const [creatingTeam, setCreatingTeam] = useState(false);
  const [creatingBranch, setCreatingBranch] = useState(false);

  const teamsPerBranch = useMemo(() => {
    const counts = new Map<number, number>();
    for (const team of teams.data ?? []) counts.set(team.branchId, (counts.get(team.branchId) ?? 0) + 1);
    return counts;
  }, [teams.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const teamColumns: ColumnsType<Team> = useMemo(
    () => [
      {
        key: 'code',
        title: t('teams.code'),
        dataIndex: 'code',
        sorter: (a, b) => a.code.localeCompare(b.code),
      },
      { key: 'name', title: t('teams.name'), dataIndex: 'name' },
      {
        key: 'branch',
        title: t('teams.branch'),
        dataIndex: 'branchName',
        sorter: (a, b) => a.branchName.localeCompare(b.branchName),
      },
      {
        key: 'members',
        title: t('teams.members'),
        dataIndex: 'memberCount',
        align: 'right',
        sorter: (a, b) => a.memberCount - b.memberCount,
        render: (count: number, team) => <Link to={`/admin/users?teamId=${team.id}`}>{count}</Link>,
      },
    ],
    [t, i18n.language],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const branchColumns: ColumnsType<Branch> = useMemo(
    () => [
      {
        key: 'code',
        title: t('branches.code'),
        dataIndex: 'code',
        sorter: (a, b) => a.code.localeCompare(b.code),
      },
      { key: 'name', title: t('branches.name'), dataIndex: 'name' },
      {
        key: 'teams',
        title: t('branches.teams'),
        align: 'right',
        render: (_: unknown, branch) => teamsPerBranch.get(branch.id) ?? 0,
      },
    ],
    [t, i18n.language, teamsPerBranch],
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('teams.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingTeam(true)}>
            {t('teams.new')}
          </Button>
        }
      >
        {teams.error && (
          <Typography.Paragraph type="danger" role="alert">
            {errorText(t, teams.error)}
          </Typography.Paragraph>
        )}
        <Table<Team>
          rowKey="id"
          size="middle"
          columns={teamColumns}
          dataSource={teams.data}
          loading={teams.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (total) => t('teams.total', { total }) }}
        />
      </Card>
      <Card
        title={t('branches.title')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setCreatingBranch(true)}>
            {t('branches.new')}
          </Button>
        }
      >
        {branches.error && (
          <Typography.Paragraph type="danger" role="alert">
            {errorText(t, branches.error)}
          </Typography.Paragraph>
        )}
        <Table<Branch>
          rowKey="id"
          size="middle"
          columns={branchColumns}
          dataSource={branches.data}
          loading={branches.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            defaultPageSize: 20,
            showTotal: (total) => t('branches.total', { total }),
          }}
        />
      </Card>
      <TeamCreateModal open={creatingTeam} onClose={() => setCreatingTeam(false)} />
      <BranchCreateModal open={creatingBranch} onClose={() => setCreatingBranch(false)} />
    </Space>
  );
}
