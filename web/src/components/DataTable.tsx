import { useMemo, useState, type ReactNode } from 'react';
import { Group, Pagination, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** Value to sort by; columns without one are not sortable. */
  sortValue?: (row: T) => string | number | null;
  numeric?: boolean;
}

/** A sortable, paginated table with a caption; sort buttons are reachable and operable by keyboard. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  pageSize = 50,
  initialSort,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  pageSize?: number;
  initialSort?: { key: string; direction: 'asc' | 'desc' };
  empty: string;
}) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState(initialSort ?? null);
  const [page, setPage] = useState(1);

  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!sort || !column?.sortValue) return rows;
    const collator = new Intl.Collator(i18n.language);
    const factor = sort.direction === 'asc' ? 1 : -1;
    const compare = (x: string | number | null, y: string | number | null) => {
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    };
    // Rows that tie (as many instruments) follow the first text column, the name, in the reader's alphabet,
    // always A to Z: left in the server's order (ISO codes) they would look unsorted.
    const tieBreak = columns.find((c) => c.key !== column.key && c.sortValue && !c.numeric);
    return [...rows].sort((a, b) => {
      const x = column.sortValue!(a);
      const y = column.sortValue!(b);
      if (x !== y) return x === null || y === null ? compare(x, y) : factor * compare(x, y);
      return tieBreak ? compare(tieBreak.sortValue!(a), tieBreak.sortValue!(b)) : 0;
    });
  }, [rows, sort, columns, i18n.language]);

  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages);
  const visible = sorted.slice((current - 1) * pageSize, current * pageSize);

  const toggle = (key: string) => {
    setSort((previous) =>
      previous?.key === key
        ? { key, direction: previous.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' },
    );
    setPage(1);
  };

  return (
    <>
      <div className="table-scroll">
        <Table striped highlightOnHover withTableBorder stickyHeader>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th
                  key={column.key}
                  aria-sort={
                    sort?.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                  style={{ textAlign: column.numeric ? 'end' : 'start' }}
                >
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                      {column.label}
                      <span aria-hidden="true">
                        {sort?.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ⇅'}
                      </span>
                      <VisuallyHidden>{t('table.sortBy')}</VisuallyHidden>
                    </button>
                  ) : (
                    column.label
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed">{empty}</Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              visible.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <Table.Td key={column.key} style={{ textAlign: column.numeric ? 'end' : 'start' }}>
                      {column.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </div>
      {pages > 1 && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {t('table.showing', {
              from: (current - 1) * pageSize + 1,
              to: Math.min(current * pageSize, sorted.length),
              total: sorted.length,
            })}
          </Text>
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
            getItemProps={(n) => ({ 'aria-label': t('table.page', { page: n }) })}
          />
        </Group>
      )}
    </>
  );
}
