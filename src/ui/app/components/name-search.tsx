import { useMemo, useState } from 'preact/hooks';

/** A search by name over a list: the text typed, a setter, and the items whose name holds it (any case). */
export function useNameSearch<T>(items: T[] | undefined, nameOf: (item: T) => string) {
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (items ?? []).filter((item) => nameOf(item).toLowerCase().includes(needle));
    // nameOf is a plain accessor, the same on every render.
  }, [items, search]);
  return { search, setSearch, rows };
}

/** The box a list's search is typed into; `label` says what it finds (`Find pipelines by name`). */
export function SearchBox({ label, value, onSearch }: { label: string; value: string; onSearch: (text: string) => void }) {
  return (
    <div class="toolbar">
      <input type="search" class="search" placeholder={label} value={value} onInput={(e) => onSearch(e.currentTarget.value)} aria-label={label} />
    </div>
  );
}

/** The row a table shows when its search matches nothing. */
export function NoMatchRow({ columns, what, search }: { columns: number; what: string; search: string }) {
  return (
    <tr>
      <td colSpan={columns} class="muted center">
        No {what} matches “{search}”.
      </td>
    </tr>
  );
}
