/** A photo as the visit form sends it: base64 with when and where it was taken. */
export interface PhotoUpload {
  data: string;
  takenAt: string;
  lon: number;
  lat: number;
}

export interface Point {
  lon: number;
  lat: number;
}

/** Where the phone is (a few seconds at most), or null when it cannot or may not say. */
export function currentPoint(timeoutMs = 5000): Promise<Point | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => resolve(null),
      { timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** A picked camera file as the API takes it (base64, its time, the point of the visit). */
export function photoOf(file: File, at: Point): Promise<PhotoUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve({
        data: url.slice(url.indexOf(',') + 1),
        takenAt: new Date(file.lastModified || Date.now()).toISOString(),
        lon: at.lon,
        lat: at.lat,
      });
    };
    reader.readAsDataURL(file);
  });
}

/** The three small venues share one checklist; every other type has its own (server: checklistTypeOf). */
export const checklistTypeOf = (placeType: string): string =>
  placeType === 'shop' || placeType === 'restaurant' || placeType === 'workshop' ? 'small_venue' : placeType;
