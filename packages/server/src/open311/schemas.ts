import { type TSchema, Type } from 'typebox';

/**
 * The GeoReport v2 documents this endpoint answers, as TypeBox schemas for the OpenAPI document.
 * The routes send them already rendered (JSON as the value itself, XML under the spec's root
 * element, see render.ts), so these describe the answer without reshaping it.
 */
const nullable = (t: TSchema) => Type.Union([t, Type.Null()]);

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});

export const Services = Type.Array(
  Type.Object({
    service_code: Type.String(),
    service_name: Type.String(),
    description: Type.String(),
    metadata: Type.Boolean(),
    type: Type.Literal('realtime'),
    keywords: Type.String(),
    group: Type.String(),
  }),
);

export const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String({
        description: 'string, number, datetime, text, singlevaluelist or multivaluelist',
      }),
      required: Type.Boolean(),
      datatype_description: nullable(Type.String()),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});

export const ServiceRequests = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    status: Type.String({ description: 'open or closed' }),
    status_notes: nullable(Type.String()),
    service_name: Type.String(),
    service_code: Type.String(),
    description: Type.Null({ description: "never public: a resident's own words stay theirs" }),
    agency_responsible: nullable(Type.String()),
    service_notice: Type.String(),
    requested_datetime: Type.String(),
    updated_datetime: Type.String(),
    expected_datetime: nullable(Type.String()),
    address: nullable(Type.String()),
    address_id: nullable(Type.String({ description: 'the grid code' })),
    zipcode: Type.Null(),
    lat: nullable(Type.Number()),
    long: nullable(Type.Number()),
    media_url: nullable(Type.String()),
  }),
);

export const Tokens = Type.Array(Type.Object({ token: Type.String(), service_request_id: Type.String() }));

export const Submitted = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    service_notice: Type.String(),
    account_id: nullable(Type.String()),
  }),
);

export const Updates = Type.Array(
  Type.Object({
    update_id: Type.String(),
    service_request_id: Type.String(),
    status: Type.String({ description: 'the FixMyStreet status the request reached' }),
    updated_datetime: Type.String(),
    description: Type.String(),
    media_url: Type.Null(),
  }),
);

export const UpdateReceived = Type.Array(Type.Object({ update_id: Type.String() }));

const Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), {
  description: 'GeoReport v2 errors (XML: <errors><error>…)',
});

const XML = Type.String({ description: 'the same document as XML (the .xml suffix)' });

const both = (schema: TSchema, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'text/xml': { schema: XML },
  },
});

/** A GeoReport route's responses: the document in JSON or XML, and the spec's errors list. */
export function open311Responses(schema: TSchema, description: string, status = 200) {
  return {
    [status]: both(schema, description),
    400: both(Errors, 'a missing or bad argument'),
    403: both(Errors, 'a missing or invalid api_key'),
    404: both(Errors, 'no such service, request or jurisdiction'),
  };
}
