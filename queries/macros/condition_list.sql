-- condition_list(...): the target conditions a family meets, as a comma list of their codes
-- (regsosek/targeting.py names them), in one fixed order.
CREATE MACRO condition_list(earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house,
                            elderly_alone, disability, child_out_of_school, under_five, female_head,
                            business) AS
    concat_ws(', ',
        CASE WHEN earthen_floor THEN 'earthen_floor' END,
        CASE WHEN no_own_toilet THEN 'no_own_toilet' END,
        CASE WHEN unsafe_water THEN 'unsafe_water' END,
        CASE WHEN low_power THEN 'low_power' END,
        CASE WHEN firewood THEN 'firewood' END,
        CASE WHEN unfit_house THEN 'unfit_house' END,
        CASE WHEN elderly_alone THEN 'elderly_alone' END,
        CASE WHEN disability THEN 'disability' END,
        CASE WHEN child_out_of_school THEN 'child_out_of_school' END,
        CASE WHEN under_five THEN 'under_five' END,
        CASE WHEN female_head THEN 'female_head' END,
        CASE WHEN business THEN 'business' END
    )
