export * from './errors';
export * from './auth/auth.schemas';
export * from './users/users.schemas';
export * from './health/health.schemas';
export * from './realtime/events';
export * from './friends/friends.schemas';
export * from './chat/chat.schemas';
