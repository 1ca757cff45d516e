import { Typography } from 'antd';
import { Link } from 'react-router';

/** The place fields a case summary or detail carries. */
export interface Placed {
  gridCode: string | null;
  streetName?: string | null;
  communityName?: string | null;
  gridName?: string | null;
}

/** The place in words: street, community, grid by name (for lists and exports). */
export function placeText(c: Placed, withStreet = true): string {
  const parts = [withStreet ? c.streetName : null, c.communityName, c.gridName].filter(Boolean);
  return parts.length ? parts.join(' · ') : (c.gridCode ?? '');
}

/** A case's place by name, with the grid's code as secondary text (a link to the grid when asked). */
export function PlaceName({
  place,
  link,
  withStreet,
}: {
  place: Placed;
  link?: boolean;
  withStreet?: boolean;
}) {
  if (!place.gridCode && !place.communityName) return <>—</>;
  const text = placeText(place, withStreet);
  return (
    <span>
      {link && place.gridCode ? <Link to={`/regions/${place.gridCode}`}>{text}</Link> : text}
      {place.gridCode && place.gridName ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {place.gridCode}
        </Typography.Text>
      ) : null}
    </span>
  );
}
