import { useEffect, useState } from 'react';
import type { TestOutcomes } from '@shared/dashboard-api';
import { useDashboard } from '../../stores/store';

let cached: TestOutcomes | null = null;

/** Stripe's test outcomes, read once from the engine (the table it acts on). */
export function useTestOutcomes(): TestOutcomes | null {
  const client = useDashboard((s) => s.client);
  const [outcomes, setOutcomes] = useState(cached);
  useEffect(() => {
    if (cached || !client) return;
    void client.dashboard<TestOutcomes>('/dashboard/test_outcomes').then((o) => {
      cached = o;
      setOutcomes(o);
    });
  }, [client]);
  return outcomes;
}
