import { Alert } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { CityProfile } from '../api/types.ts';

interface CityState {
  /** The city this installation serves (GET /api/v1/city); null until it has answered. */
  city: CityProfile | null;
  reload(): Promise<void>;
}

const CityContext = createContext<CityState>({ city: null, reload: async () => undefined });

/** The city's profile, read once for the console and the portal: its code, name, map centre, portal text, live or not. */
export function CityProvider({ children }: { children: ReactNode }) {
  const [city, setCity] = useState<CityProfile | null>(null);
  const reload = useCallback(async () => {
    try {
      setCity(await api<CityProfile>('city'));
    } catch (error) {
      console.warn('city profile failed', error);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return <CityContext.Provider value={{ city, reload }}>{children}</CityContext.Provider>;
}

export function useCity(): CityState {
  return useContext(CityContext);
}

/** The city's root region code: the top of the region tree ('' until the profile has answered). */
export function useCityCode(): string {
  return useCity().city?.code ?? '';
}

/** Across the console and the portal until the city administrator takes the city live. */
export function DemoBanner({ text }: { text: string }) {
  const { city } = useCity();
  if (!city?.demoBanner) return null;
  return <Alert type="warning" banner showIcon title={text} data-testid="demo-banner" />;
}
