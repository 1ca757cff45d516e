import { AimOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

type State =
  | { kind: 'idle' }
  | { kind: 'locating' }
  | { kind: 'located'; metres: number }
  | { kind: 'failed'; text: string };

/**
 * "Use my location" on a map (phones first): asks the device for its position and hands it on
 * (WGS-84, as browsers give it) with its accuracy, which it also says in words.
 */
export function MapLocate({ onLocated }: { onLocated(lon: number, lat: number, metres: number): void }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  function locate() {
    if (!('geolocation' in navigator)) {
      setState({ kind: 'failed', text: t('map.locateUnsupported') });
      return;
    }
    setState({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const metres = Math.max(1, Math.round(p.coords.accuracy));
        setState({ kind: 'located', metres });
        onLocated(p.coords.longitude, p.coords.latitude, metres);
      },
      (e) =>
        setState({
          kind: 'failed',
          text:
            e.code === e.PERMISSION_DENIED
              ? t('map.locateDenied')
              : t('map.locateFailed', { reason: e.message }),
        }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  }

  const note =
    state.kind === 'located'
      ? t('map.accuracy', { metres: state.metres })
      : state.kind === 'failed'
        ? state.text
        : state.kind === 'locating'
          ? t('map.locating')
          : null;
  return (
    <div style={{ position: 'absolute', left: 8, bottom: 8, maxWidth: 'calc(100% - 16px)', zIndex: 2 }}>
      <Button
        icon={<AimOutlined />}
        onClick={locate}
        loading={state.kind === 'locating'}
        data-testid="map-locate"
      >
        {t('map.myLocation')}
      </Button>
      {note ? (
        <div
          role="status"
          data-testid="map-locate-note"
          style={{
            marginTop: 4,
            padding: '2px 8px',
            background: 'rgba(255,255,255,0.92)',
            borderRadius: 4,
            color: state.kind === 'failed' ? '#cf1322' : '#333',
            fontSize: 12,
          }}
        >
          {note}
        </div>
      ) : null}
    </div>
  );
}
