-- Webhooks belong to a region: administrators see and manage those of their region, and a
-- subscription receives only events of cases inside it. Subscriptions made before this belonged
-- to nobody in particular: they become the city's (the root region), seen only by city
-- administrators. The region's path is read at delivery time (regions move).
alter table webhook_subscription add column region_code text references region (code);
update webhook_subscription
   set region_code = (select code from region where parent_code is null order by code limit 1);
create index webhook_subscription_region_idx on webhook_subscription (region_code);
