import type { LaunchContext } from '@app/miniapp-sdk';

type Locale = LaunchContext['locale'];

const en = {
  title: 'Hello',
  hello: 'Hello, {name}',
  friend: 'friend',
  profileDenied: 'You chose not to share your name — that is fine.',
  notInMessenger: 'Hello is a mini-program: open it inside the messenger (Discover → Hello).',
  noBackend: 'Hello is not set up on this server yet (no backend address). Please try again later.',
  login: 'Log in',
  loggedInAs: 'Logged in as {id}',
  notLoggedIn: 'Not logged in yet',
  home: 'Home',
  payPage: 'Pay',
  notifyPage: 'Notifications',
  payTitle: 'Pay a tip',
  payHint: 'The backend creates the order; the messenger asks for your PIN.',
  pay: 'Pay ¥{amount}',
  paid: 'Paid',
  cancelled: 'Payment cancelled',
  order: 'Order {id}',
  amount: 'Amount',
  status: 'Status (from webhooks)',
  refunded: 'Refunded',
  events: 'Webhooks received',
  none: 'none yet',
  refund: 'Refund',
  refundRequested: 'Refund requested — waiting for the webhook',
  refresh: 'Refresh',
  'status.pending': 'pending',
  'status.paid': 'paid',
  'status.refunded': 'refunded',
  'status.closed': 'closed',
  subscribe: 'Subscribe to updates',
  subscribeAccepted: 'Subscribed: you may get one notification',
  subscribeRejected: 'Not subscribed',
  notify: 'Send me a notification',
  notified: 'Sent — look in Service notifications',
  share: 'Share this page',
  shared: 'Shared',
  toast: 'Say hi',
  toastText: 'Hi from Hello 👋',
  failed: 'Something went wrong: {message}',
} as const;

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: '你好',
  hello: '你好，{name}',
  friend: '朋友',
  profileDenied: '你选择不分享昵称，没关系。',
  notInMessenger: 'Hello 是一个小程序：请在信使里打开（发现 → Hello）。',
  noBackend: 'Hello 在这台服务器上还没有配置好（缺少后端地址），请稍后再试。',
  login: '登录',
  loggedInAs: '已登录：{id}',
  notLoggedIn: '尚未登录',
  home: '首页',
  payPage: '支付',
  notifyPage: '通知',
  payTitle: '打赏一下',
  payHint: '订单由后端创建；信使会请你输入支付密码。',
  pay: '支付 ¥{amount}',
  paid: '已支付',
  cancelled: '已取消支付',
  order: '订单 {id}',
  amount: '金额',
  status: '状态（来自 Webhook）',
  refunded: '已退款',
  events: '收到的 Webhook',
  none: '暂无',
  refund: '退款',
  refundRequested: '已申请退款，等待 Webhook',
  refresh: '刷新',
  'status.pending': '待支付',
  'status.paid': '已支付',
  'status.refunded': '已退款',
  'status.closed': '已关闭',
  subscribe: '订阅更新',
  subscribeAccepted: '已订阅：可以收到一条通知',
  subscribeRejected: '未订阅',
  notify: '给我发一条通知',
  notified: '已发送，请查看「服务通知」',
  share: '分享此页',
  shared: '已分享',
  toast: '打个招呼',
  toastText: '来自 Hello 的问候 👋',
  failed: '出错了：{message}',
};

const tables: Record<Locale, Record<Key, string>> = { en, 'zh-CN': zh };
let current: Locale = 'en';

export function setLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
}

/** `t('pay', {amount: '0.01'})` in the launch context's locale. */
export function t(key: Key, vars: Record<string, string> = {}): string {
  return tables[current][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

export type StringKey = Key;
