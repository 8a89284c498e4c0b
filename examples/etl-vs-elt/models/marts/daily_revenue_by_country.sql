-- Mart: the business question, built only from staging models.
{{ config(materialized='table') }}

with orders as (

    select * from {{ ref('stg_shop__orders') }}

),

customers as (

    select * from {{ ref('stg_shop__customers') }}

)

select
    cast(orders.ordered_at as date) as order_date,
    customers.country_code,
    orders.currency,
    count(*)                        as completed_orders,
    sum(orders.amount_cents)        as revenue_cents
from orders
inner join customers
    on orders.customer_id = customers.customer_id
where orders.status = 'completed'
group by 1, 2, 3
