import { useRef, useState } from 'react';
import { Avatar, Combobox, Group, Text, Textarea, useCombobox, type TextareaProps } from '@mantine/core';
import { initials } from '../../../ui/format';
import { insertMention, mentionQuery, type Person } from '../mentions';

interface Props extends Omit<TextareaProps, 'value' | 'onChange'> {
  value: string;
  onChange(text: string): void;
  /** Who can be mentioned. */
  people: Person[];
  /** A person was picked from the list. */
  onMention(person: Person): void;
}

/** A text area where typing "@" and part of a name offers people; Enter or a click inserts "@Name". */
export function MentionTextarea({ value, onChange, people, onMention, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const combobox = useCombobox({ onDropdownClose: () => setAt(null) });
  const q = at?.query.toLowerCase() ?? '';
  const matches = at
    ? people
        .filter(
          (p) =>
            p.name
              .toLowerCase()
              .split(/\s+/)
              .some((w) => w.startsWith(q)) || p.name.toLowerCase().startsWith(q),
        )
        .slice(0, 8)
    : [];

  const track = (text: string, caret: number) => {
    const found = mentionQuery(text, caret);
    setAt(found);
    if (found) {
      combobox.openDropdown();
      combobox.updateSelectedOptionIndex();
      // The first match is chosen, so Enter takes it.
      requestAnimationFrame(() => combobox.selectFirstOption());
    } else combobox.closeDropdown();
  };

  const pick = (id: string) => {
    const person = people.find((p) => p.id === id);
    if (!person || !at) return;
    const next = insertMention(value, at, person);
    onChange(next.text);
    onMention(person);
    combobox.closeDropdown();
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal position="bottom-start" width={280}>
      <Combobox.Target withAriaAttributes={false}>
        <Textarea
          ref={ref}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onBlur={() => combobox.closeDropdown()}
          {...rest}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!at || matches.length === 0} aria-label="People to mention">
        <Combobox.Options>
          {matches.map((p) => (
            <Combobox.Option value={p.id} key={p.id}>
              <Group gap="xs" wrap="nowrap">
                <Avatar size={22} radius="xl" color="indigo">
                  <Text fz={9} fw={700}>
                    {initials(p.name)}
                  </Text>
                </Avatar>
                <Text size="sm">{p.name}</Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
