-- Staging: e-mail and name stay in the raw layer; nothing downstream needs them.
with source as (

    select * from {{ source('shop', 'customers') }}

)

select
    customer_id,
    upper(country_code) as country_code
from source
