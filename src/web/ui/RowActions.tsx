/** The pen and the bin at the end of a row: icon buttons named after the record they act on. */
import { ActionIcon, Tooltip, type ActionIconProps } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';

interface Props {
  /** The record's name: the buttons read "Edit <name>" and "Delete <name>" to screen readers and tests. */
  name: string;
  onClick(): void;
  variant?: ActionIconProps['variant'];
}

export function EditAction({ name, onClick, variant }: Props) {
  return (
    <Tooltip label="Edit">
      <ActionIcon variant={variant} aria-label={`Edit ${name}`} onClick={onClick}>
        <IconPencil size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

export function DeleteAction({ name, onClick, variant }: Props) {
  return (
    <Tooltip label="Delete">
      <ActionIcon variant={variant} color="red" aria-label={`Delete ${name}`} onClick={onClick}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
