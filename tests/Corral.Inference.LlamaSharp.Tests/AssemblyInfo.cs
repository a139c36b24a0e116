// Two shared cores: run test classes one after another so native decode threads do not fight.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
