-- The media_url an Open311 client sent with a request (a link to its photo), shown back in GET requests.
alter table open311_request add column media_url text;
