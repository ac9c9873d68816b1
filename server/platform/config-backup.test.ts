import { describe, expect, it } from 'vitest';
import { backupCron } from './backup.js';
import { loadConfig } from './config.js';

describe('scheduled backup settings', () => {
  it('backs up the embedded database daily and keeps 14 days; none with DATABASE_URL unless asked', () => {
    expect(loadConfig({})).toMatchObject({ backupHours: 24, backupKeepDays: 14, backupKey: undefined });
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).backupHours).toBe(0);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', HOMEWARD_BACKUP_HOURS: '6' }).backupHours).toBe(6);
    expect(loadConfig({ HOMEWARD_BACKUP_HOURS: '0' }).backupHours).toBe(0);
    expect(loadConfig({ HOMEWARD_BACKUP_KEEP_DAYS: '3' }).backupKeepDays).toBe(3);
  });

  it('refuses hours that do not divide the day', () => {
    expect(() => loadConfig({ HOMEWARD_BACKUP_HOURS: '5' })).toThrow(/HOMEWARD_BACKUP_HOURS/);
    expect(() => loadConfig({ HOMEWARD_BACKUP_HOURS: '-1' })).toThrow(/HOMEWARD_BACKUP_HOURS/);
  });

  it('turns the hours into a cron', () => {
    expect(backupCron(24)).toBe('23 2 * * *');
    expect(backupCron(6)).toBe('23 */6 * * *');
  });
});
