module corral/goldens

go 1.19
