"""China compensation rules: individual income tax, CSRC equity-incentive limits, central-SOE pay.

A user's compliance aid, not legal advice. Every table and cap is data with its source
document and the period it applies to (``docs/china.md`` lists them):

- :mod:`~xlperf.rules.china.tax`: the annual one-time bonus and equity-incentive income tax;
- :mod:`~xlperf.rules.china.trap`: the bonus trap (年终奖陷阱);
- :mod:`~xlperf.rules.china.csrc`: a listed company's equity-incentive plan against the CSRC
  measures (or the state-controlled regime's price rule);
- :mod:`~xlperf.rules.china.plans`: a company's plans checked together (participants from
  grants, the plans announced earlier as the other live plans), as a workbook holds them;
- :mod:`~xlperf.rules.china.soe`: central-SOE executive pay caps, deferral and failed grades.
"""
