-- Time of day to the minute (temps_key = HHMM) with the period of the day.
with minutes as (
    select n as minute_of_day from {{ integer_series(0, 1439) }} m
)
select
    cast({{ int_div('minute_of_day', 60) }} * 100 + mod(minute_of_day, 60) as integer) as temps_key,
    cast({{ int_div('minute_of_day', 60) }} as integer) as heure,
    cast(mod(minute_of_day, 60) as integer) as minute,
    case when minute_of_day < 360 then 'nuit'
         when minute_of_day < 720 then 'matin'
         when minute_of_day < 1080 then 'apres-midi'
         else 'soir' end as periode
from minutes
