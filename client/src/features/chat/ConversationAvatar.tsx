import type { Conversation, Member } from '@app/shared';
import { Avatar } from '../../ui/Avatar';

interface ConversationAvatarProps {
  conversation: Conversation;
  members?: Member[];
  size?: number;
}

/** Direct: the peer's avatar. Group: WeChat's grid of up to four member avatars (the title's initial until known). */
export function ConversationAvatar({ conversation, members, size = 48 }: ConversationAvatarProps) {
  if (conversation.type === 'direct' && conversation.peer) {
    const { peer } = conversation;
    return <Avatar seed={peer.id} name={peer.displayName} url={peer.avatarUrl} size={size} alt="" />;
  }
  const shown = (members ?? []).slice(0, 4);
  if (shown.length < 2) {
    return <Avatar seed={conversation.id} name={conversation.title} url={conversation.avatarUrl} size={size} alt="" />;
  }
  const cell = Math.floor((size - 6) / 2);
  return (
    <span className="group-avatar" style={{ width: size, height: size }} aria-hidden="true">
      {shown.map((m) => (
        <Avatar key={m.user.id} seed={m.user.id} name={m.user.displayName} url={m.user.avatarUrl} size={cell} alt="" />
      ))}
    </span>
  );
}
