import { Skeleton, Table } from '@mantine/core';

/** Placeholder rows while a table loads, shaped like the real one. */
export function TableSkeleton({ rows = 6, cols }: { rows?: number; cols: number }) {
  return (
    <Table.Tbody aria-busy="true">
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r}>
          {Array.from({ length: cols }, (_, c) => (
            <Table.Td key={c}>
              <Skeleton
                height={12}
                radius="sm"
                width={c === 0 ? '70%' : `${40 + ((r * 7 + c * 13) % 40)}%`}
              />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}
