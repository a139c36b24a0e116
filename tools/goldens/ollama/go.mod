module corral/ollamagoldens

go 1.19
