import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { bearerMatches, routeLabel, statusClass } from './metrics.js';

describe('the metrics token', () => {
  it('is unset by default: /api/metrics stays closed', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ HOMEWARD_METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
  });

  it('must be long enough to be a secret', () => {
    expect(() => loadConfig({ HOMEWARD_METRICS_TOKEN: 'short' })).toThrow(/at least 16 characters/);
    expect(loadConfig({ HOMEWARD_METRICS_TOKEN: ' 0123456789abcdef0123 ' }).metricsToken).toBe('0123456789abcdef0123');
  });

  it('opens only with exactly that bearer', () => {
    const token = '0123456789abcdef0123';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
  });
});

describe('metric labels', () => {
  it('name a route by its template, and a request that matched none by one word', () => {
    expect(routeLabel('/api/cases/:id')).toBe('/api/cases/:id');
    expect(routeLabel(undefined)).toBe('unmatched');
    expect(statusClass(201)).toBe('2xx');
    expect(statusClass(503)).toBe('5xx');
  });
});
