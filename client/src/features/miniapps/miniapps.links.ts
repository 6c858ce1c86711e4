/** `/apps/<appId>?path=<page>`: where a card or a notification opens the app. */
export function appLink(appId: string, page?: string | null): string {
  return page ? `/apps/${appId}?${new URLSearchParams({ path: page }).toString()}` : `/apps/${appId}`;
}

/** `/apps/<appId>?preview=1[&version=]`: the developer's or a reviewer's look at an unreleased version. */
export function previewLink(appId: string, version?: string): string {
  return `/apps/${appId}?${new URLSearchParams({ preview: '1', ...(version ? { version } : {}) }).toString()}`;
}
