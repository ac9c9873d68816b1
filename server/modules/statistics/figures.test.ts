import { describe, expect, it } from 'vitest';
import { tableFor } from './figures.js';

describe('the table of sums a figure reads', () => {
  it('is the smallest that holds the grouping and the filters', () => {
    expect(tableFor(['year'])).toBe('stat_geo_fact');
    expect(tableFor(['host_country', 'origin_country'])).toBe('stat_geo_fact');
    expect(tableFor(['origin_country', 'project_id'])).toBe('stat_geo_fact');
    expect(tableFor(['month', 'year'])).toBe('stat_month_fact');
    expect(tableFor(['legal_status', 'origin_country'])).toBe('stat_legal_fact');
    expect(tableFor(['household_band', 'host_country'])).toBe('stat_household_fact');
    expect(tableFor(['year', 'origin_country', 'sex'])).toBe('stat_demography_fact');
    expect(tableFor(['sex', 'age_band'])).toBe('stat_demography_fact');
    expect(tableFor(['year', 'legal_status', 'sex'])).toBe('stat_legal_demography_fact');
    expect(tableFor(['year', 'legal_status', 'origin_country', 'age_band'])).toBe('stat_legal_demography_fact');
    expect(tableFor(['year', 'household_band', 'sex', 'age_band'])).toBe('stat_household_demography_fact');
    expect(tableFor(['year', 'household_band', 'host_country', 'age_band'])).toBe('stat_household_demography_fact');
    expect(tableFor(['year', 'legal_status', 'project_id', 'sex'])).toBe('stat_legal_demography_fact');
    expect(tableFor(['year', 'legal_status', 'project_id'])).toBe('stat_legal_demography_fact');
    expect(tableFor(['year', 'sex', 'project_id'])).toBe('stat_legal_demography_fact');
    // Without a year range, the sums over every year.
    expect(tableFor(['legal_status', 'sex'])).toBe('stat_legal_all_years_fact');
    expect(tableFor(['legal_status', 'origin_country', 'age_band'])).toBe('stat_legal_all_years_fact');
    expect(tableFor(['household_band', 'sex', 'age_band'])).toBe('stat_household_all_years_fact');
    expect(tableFor(['sex', 'project_id'])).toBe('stat_legal_all_years_fact');
    // Months by sex and age band.
    expect(tableFor(['month', 'sex'])).toBe('stat_month_demography_fact');
    expect(tableFor(['year', 'month', 'origin_country', 'sex'])).toBe('stat_month_demography_fact');
    expect(tableFor(['year', 'month', 'host_country', 'age_band'])).toBe('stat_month_demography_fact');
  });

  it('is the fine cells for a combination no coarser table holds', () => {
    expect(tableFor(['month', 'sex', 'project_id'])).toBe('stat_return_fact');
    expect(tableFor(['legal_status', 'household_band'])).toBe('stat_return_fact');
    expect(tableFor(['legal_status', 'sex', 'month'])).toBe('stat_return_fact');
  });
});
