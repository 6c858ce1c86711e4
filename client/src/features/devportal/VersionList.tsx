import { ROLLBACK_DEPTH, type Version } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { VersionRow, type ReleaseRole } from './VersionRow';

interface VersionListProps {
  appId: string;
  versions: Version[] | null;
  /** Reloads the list after an action (every action can change other versions too). */
  onChanged: () => Promise<void>;
}

/**
 * What each released version is to users, mirroring the server: the newest release at 100 % is live for everyone,
 * one at 1–99 % is the gray release, and the other recent releases can be rolled back to.
 */
function releaseRoles(versions: Version[]): Map<string, ReleaseRole> {
  const released = versions
    .filter((v) => v.releasedAt !== null)
    .sort((a, b) => (b.releasedAt ?? '').localeCompare(a.releasedAt ?? ''));
  const live = released.find((v) => v.releasePercent === 100);
  const roles = new Map<string, ReleaseRole>();
  released.slice(0, ROLLBACK_DEPTH + 1).forEach((v) => {
    if (v === live) roles.set(v.version, 'live');
    else if (v.status === 'released' && v.releasePercent > 0 && v.releasePercent < 100) roles.set(v.version, 'gray');
    else if (v.status === 'released') roles.set(v.version, 'rollback');
  });
  return roles;
}

/** The app's versions, newest upload first, each with the actions its state allows. */
export function VersionList({ appId, versions, onChanged }: VersionListProps) {
  const { t } = useTranslation();
  const roles = versions ? releaseRoles(versions) : new Map<string, ReleaseRole>();
  return (
    <section>
      <h2 className="dev-section">{t('devportal.versions')}</h2>
      {versions === null && <span className="spinner" />}
      {versions?.length === 0 && <p className="dev-hint dev-hint--padded">{t('devportal.noVersions')}</p>}
      {versions && versions.length > 0 && (
        <div className="cell-group dev-group">
          {versions.map((v) => (
            <VersionRow key={v.version} appId={appId} version={v} role={roles.get(v.version)} onChanged={onChanged} />
          ))}
        </div>
      )}
    </section>
  );
}
