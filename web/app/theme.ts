import { createTheme, MultiSelect, Select, TagsInput } from '@mantine/core';

/**
 * Combobox dropdowns stay mounted by default and are labelled by their field's label, so a field
 * would have two elements with the same label. Mounting the options only while open keeps one
 * labelled control per field (screen readers and `getByLabel` alike).
 */
const comboboxProps = { keepMounted: false };

export const theme = createTheme({
  primaryColor: 'indigo',
  // A focus ring for keyboard users; mouse clicks do not show it.
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Select: Select.extend({ defaultProps: { comboboxProps } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { comboboxProps } }),
    TagsInput: TagsInput.extend({ defaultProps: { comboboxProps } }),
  },
});
