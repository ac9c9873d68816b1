import { Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { DetailList } from '../../../components/detail-list';
import { formatDay } from '../../../lib/dates';
import { useCountries, useLanguages } from '../../../lib/reference';

interface SummaryPerson {
  givenName: string;
  familyName: string;
  otherNames: string[];
  originalScriptName?: string | null;
  transliteration?: string | null;
  sex: string;
  birthDate?: string | null;
  birthDateEstimated: boolean;
  nationality?: string | null;
  languages: string[];
  phone?: string | null;
  email?: string | null;
  documents: { id?: string; type: string; number: string; issuingCountry?: string | null; expiryDate?: string | null }[];
  /** An imported person's id in the old system (not yet on a person being registered). */
  importedFrom?: { source: string; legacyId: string } | null;
}

/** Read-only view of a person: review step and household tab. */
export function PersonSummary({ person, caption }: { person: SummaryPerson; caption: string }) {
  const intl = useIntl();
  const countries = useCountries();
  const languages = useLanguages();
  const birth = person.birthDate
    ? person.birthDateEstimated
      ? intl.formatMessage({ id: 'person.birthDate.estimatedValue' }, { date: formatDay(intl, person.birthDate) })
      : formatDay(intl, person.birthDate)
    : '';
  return (
    <Stack gap="sm">
      <DetailList
        items={[
          { label: 'person.givenName', value: person.givenName },
          { label: 'person.familyName', value: person.familyName },
          { label: 'person.otherNames', value: person.otherNames.join(', ') },
          { label: 'person.originalScriptName', value: person.originalScriptName ? <span dir="auto">{person.originalScriptName}</span> : '' },
          { label: 'person.transliteration', value: person.transliteration },
          { label: 'person.sex', value: person.sex ? intl.formatMessage({ id: `sex.${person.sex}` }) : '' },
          { label: 'person.birthDate', value: birth },
          { label: 'person.nationality', value: countries.name(person.nationality) },
          { label: 'person.languages', value: person.languages.map((code) => languages.name(code)).join(', ') },
          { label: 'person.phone', value: person.phone ? <span className="ltr-value">{person.phone}</span> : '' },
          { label: 'person.email', value: person.email ? <span className="ltr-value">{person.email}</span> : '' },
          ...(person.importedFrom ? [{ label: 'person.legacyId', value: <bdi>{person.importedFrom.legacyId}</bdi> }] : []),
        ]}
      />
      {person.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="person.documents.none" />
        </Text>
      ) : (
        <div className="table-scroll">
          <Table withTableBorder>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="document.type" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="document.number" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="document.issuingCountry" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="document.expiryDate" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {person.documents.map((doc, i) => (
                <Table.Tr key={doc.id ?? i}>
                  <Table.Td><FormattedMessage id={`documentType.${doc.type}`} /></Table.Td>
                  <Table.Td className="ltr-value">{doc.number}</Table.Td>
                  <Table.Td>{countries.name(doc.issuingCountry)}</Table.Td>
                  <Table.Td>{formatDay(intl, doc.expiryDate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
