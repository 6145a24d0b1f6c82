import { useCallback, useEffect, useState } from 'react';
import { useCustomerSearch } from '../../customers/hooks';

// The customer a form is about, picked by typing a name, code or phone: the search (settled a moment
// so typing does not send a request per key), what it found, and the one picked — kept among the
// options when a new search no longer finds it. Shared by the contact, complaint and exit-plan forms
// (CustomerChoiceSelect is its select).

export interface CustomerChoice {
  id: number;
  name: string;
  code?: string;
}

export const customerLabel = (c: CustomerChoice) => (c.code ? `${c.name}（${c.code}）` : c.name);

function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useCustomerChoice() {
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const found = useCustomerSearch(query);
  const [picked, setPicked] = useState<CustomerChoice | null>(null);
  const options = [
    ...(picked && !found.data?.some((c) => c.id === picked.id)
      ? [{ value: picked.id, label: customerLabel(picked) }]
      : []),
    ...(found.data ?? []).map((c) => ({ value: c.id, label: customerLabel(c) })),
  ];
  // Stable, so a form may reset the choice in an effect.
  const reset = useCallback(() => {
    setSearch('');
    setPicked(null);
  }, []);
  return {
    query,
    found,
    picked,
    options,
    setSearch,
    /** Remembers the option chosen (by id, among those found). */
    pick(id: number) {
      const c = found.data?.find((x) => x.id === id);
      if (c) setPicked({ id: c.id, name: c.name, code: c.code });
    },
    reset,
  };
}
