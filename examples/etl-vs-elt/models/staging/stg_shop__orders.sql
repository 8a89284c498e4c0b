-- Staging: one row per order, typed and cleaned, no business logic yet.
with source as (

    select * from {{ source('shop', 'orders') }}

),

latest as (

    -- The loader appends every extraction; keep the newest copy of each order.
    select *
    from source
    qualify row_number() over (partition by order_id order by _loaded_at desc) = 1

),

renamed as (

    select
        order_id,
        customer_id,
        cast(order_ts as timestamp)                                 as ordered_at,
        lower(trim(status))                                         as status,
        cast(round(cast(amount as decimal(12, 2)) * 100) as bigint) as amount_cents,
        upper(currency)                                             as currency
    from latest

)

select * from renamed
