/**
 * Ctrl/Cmd+K: jump to any page the user may open, or find a user or a partner by name. Loaded on first open
 * (AppLayout); the shortcut and the open state live in ./palette, so they work before this code is here.
 */
import { useEffect, useMemo, useState } from 'react';
import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingStore, IconLogout, IconMessagePlus, IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { can } from '../../../shared/permissions';
import { useAuth, useUser } from '../auth';
import { AREA_LABELS, openablePages } from '../pages';
import { usersApi } from '../../modules/users/api';
import { partnersApi } from '../../modules/partners/api';
import { LazyLogCommunicationModal } from '../../modules/communications/components/LazyLogCommunicationModal';
import { paletteStore } from './palette';

/**
 * Spotlight highlights the first result when the query changes; user results arrive a moment later, so
 * highlight the first one then (unless the user already moved the highlight), and Enter opens it.
 */
function highlightFirstWhenNoneIs(): void {
  const list = document.getElementById(paletteStore.getState().listId);
  if (!list || list.querySelector('[data-selected]')) return;
  const first = list.querySelector('[data-action]');
  if (!first) return;
  first.setAttribute('data-selected', 'true');
  paletteStore.updateState((s) => ({ ...s, selected: 0 }));
}

/** `opened` mirrors the palette store's state; AppLayout passes it so the code loads on the first open. */
export function CommandPalette(_: { opened: boolean }) {
  const user = useUser();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const mayViewUsers = can(user.permissions, 'users.view');
  const userSearch = useQuery({
    queryKey: ['users', 'palette', debounced],
    queryFn: ({ signal }) => usersApi.list({ q: debounced, limit: 6, sort: 'name' }, signal),
    enabled: mayViewUsers && debounced.length >= 2,
    staleTime: 10_000,
  });
  const mayViewPartners = can(user.permissions, 'partners.view');
  const partnerSearch = useQuery({
    queryKey: ['partners', 'palette', debounced],
    queryFn: ({ signal }) => partnersApi.list({ q: debounced, limit: 6, sort: 'name' }, signal),
    enabled: mayViewPartners && debounced.length >= 2,
    staleTime: 10_000,
  });

  const [logging, setLogging] = useState(false);

  const found = debounced.length >= 2 ? userSearch.data?.items : undefined;
  const foundPartners = debounced.length >= 2 ? partnerSearch.data?.items : undefined;
  useEffect(() => {
    if (found?.length || foundPartners?.length) highlightFirstWhenNoneIs();
  }, [found, foundPartners]);

  const actions = useMemo(() => {
    const groups: SpotlightActionGroupData[] = [];
    const pages = openablePages(user);
    const pageGroup = (label: string, filter: (g: string) => boolean) => ({
      group: label,
      actions: pages
        .filter((p) => filter(p.group))
        .map((p) => ({
          id: `page:${p.key}`,
          label: p.label,
          description: p.description,
          keywords: p.keywords,
          leftSection: <p.icon size={20} stroke={1.6} />,
          onClick: () => void navigate(p.path),
        })),
    });
    groups.push(pageGroup('Pages', (g) => g === 'home' || g in AREA_LABELS));
    if (can(user.permissions, 'communications.create'))
      groups.push({
        group: 'Actions',
        actions: [
          {
            id: 'log-communication',
            label: 'Log communication',
            description: 'Record a call, email or meeting with a partner',
            keywords: ['log', 'call', 'email', 'meeting', 'note', 'follow-up', 'communication'],
            leftSection: <IconMessagePlus size={20} stroke={1.6} />,
            onClick: () => setLogging(true),
          },
        ],
      });
    groups.push(pageGroup('Your account', (g) => g === 'account'));
    if (foundPartners?.length) {
      groups.push({
        group: 'Partners',
        actions: foundPartners.map((p) => ({
          id: `partner:${p.id}`,
          label: p.name,
          description: [p.primaryContactName, p.levelName, p.archivedAt ? 'archived' : null]
            .filter(Boolean)
            .join(' · '),
          // The server matched the query; make sure the local filter keeps the result.
          keywords: [debounced],
          leftSection: <IconBuildingStore size={20} stroke={1.6} />,
          onClick: () => void navigate(`/partnerships/partners/${p.id}`),
        })),
      });
    }
    if (found?.length) {
      groups.push({
        group: 'Users',
        actions: found.map((u) => ({
          id: `user:${u.id}`,
          label: u.name,
          description: `${u.email} · ${u.roleName}`,
          // The server matched the query; make sure the local filter keeps the result.
          keywords: [debounced, u.email],
          leftSection: <IconUser size={20} stroke={1.6} />,
          onClick: () => void navigate(`/admin/users?q=${encodeURIComponent(u.email)}`),
        })),
      });
    }
    groups.push({
      group: 'Session',
      actions: [
        {
          id: 'sign-out',
          label: 'Sign out',
          keywords: ['log out', 'logout', 'exit'],
          leftSection: <IconLogout size={20} stroke={1.6} />,
          onClick: () => void signOut(),
        },
      ],
    });
    return groups.filter((g) => g.actions.length > 0);
  }, [user, navigate, signOut, debounced, found, foundPartners]);

  return (
    <>
      <Spotlight
        store={paletteStore}
        actions={actions}
        query={query}
        onQueryChange={setQuery}
        // AppLayout owns the shortcut: it must open the palette before this code has loaded.
        shortcut={null}
        nothingFound={userSearch.isFetching || partnerSearch.isFetching ? 'Searching…' : 'Nothing found'}
        highlightQuery
        centered={false}
        yOffset="12vh"
        scrollable
        maxHeight={420}
        limit={40}
        searchProps={{
          leftSection: <IconSearch size={18} stroke={1.6} />,
          placeholder:
            mayViewUsers && mayViewPartners
              ? 'Jump to a page, find a partner or a user…'
              : mayViewUsers
                ? 'Jump to a page or find a user…'
                : mayViewPartners
                  ? 'Jump to a page or find a partner…'
                  : 'Jump to a page…',
          'aria-label': 'Search pages and users',
        }}
      />
      {logging && <LazyLogCommunicationModal opened onClose={() => setLogging(false)} />}
    </>
  );
}
