import {
  BankOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  GlobalOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  PrinterOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { CHANNELS, type Channel } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';

// Each channel (DOMAIN §5) keeps one icon and one of Ant Design's preset colours everywhere it shows.

export type PresetColor =
  | 'blue'
  | 'volcano'
  | 'cyan'
  | 'gold'
  | 'purple'
  | 'geekblue'
  | 'green'
  | 'lime'
  | 'magenta'
  | 'orange';

export const CHANNEL_LOOK: Record<Channel, { icon: ReactNode; color: PresetColor }> = {
  visit: { icon: <EnvironmentOutlined />, color: 'blue' },
  branch: { icon: <BankOutlined />, color: 'volcano' },
  phone: { icon: <PhoneOutlined />, color: 'cyan' },
  fax: { icon: <PrinterOutlined />, color: 'gold' },
  email: { icon: <MailOutlined />, color: 'purple' },
  online: { icon: <GlobalOutlined />, color: 'geekblue' },
  wechat: { icon: <WechatOutlined />, color: 'green' },
  sms: { icon: <MessageOutlined />, color: 'lime' },
  event: { icon: <TeamOutlined />, color: 'magenta' },
  letter: { icon: <FileTextOutlined />, color: 'orange' },
};

export function ChannelTag({ channel }: { channel: Channel }) {
  const look = CHANNEL_LOOK[channel];
  return (
    <Tag icon={look.icon} color={look.color}>
      {codeLabel(CHANNELS.labels, channel)}
    </Tag>
  );
}

/** The channels as options of a select, in the current language. */
export const channelOptions = () =>
  CHANNELS.codes.map((c) => ({ value: c, label: codeLabel(CHANNELS.labels, c) }));
